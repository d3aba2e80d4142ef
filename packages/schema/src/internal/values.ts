/** Helpers for walking app values: records, MongoDB documents, request bodies. */

/** An object made by `{}` or `Object.create(null)`. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A BSON `ObjectId` (from any copy of the driver), or anything else with `toHexString()`. */
export function isObjectIdLike(value: unknown): value is { toHexString(): string } {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { _bsontype?: unknown; toHexString?: unknown };
  return typeof candidate.toHexString === 'function' || candidate._bsontype === 'ObjectId';
}

/** The hex string of an ObjectId-like value. */
export function objectIdHex(value: { toHexString?: () => string }): string {
  return typeof value.toHexString === 'function' ? value.toHexString() : String(value);
}

/**
 * Values that are kept whole when walking: BSON values (`ObjectId`, `Decimal128`, `Long`…), binary
 * data and regular expressions. None of them holds field names, so none can hide a secret by name.
 */
export function isOpaqueValue(value: object): boolean {
  return (
    typeof (value as { _bsontype?: unknown })._bsontype === 'string' ||
    isObjectIdLike(value) ||
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    value instanceof RegExp
  );
}
