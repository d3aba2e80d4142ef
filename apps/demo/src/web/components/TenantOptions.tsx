/** The `<option>`s of a business select: one per tenant, its id as the value, its name shown. */
export function TenantOptions({ tenants }: { tenants: readonly { id: string; name: string }[] }) {
  return tenants.map((tenant) => (
    <option key={tenant.id} value={tenant.id}>
      {tenant.name}
    </option>
  ));
}
