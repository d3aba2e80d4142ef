// WCAG 2.1 contrast of computed CSS colours, for the theme tests.

/** `rgb(r, g, b)` / `rgba(r, g, b, a)` / `color(srgb r g b)` as 0–255 channels and an alpha. */
export function parseColor(css: string): { rgb: [number, number, number]; alpha: number } {
  const srgb = css.match(/^color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: \/ ([\d.]+))?\)$/);
  if (srgb) {
    const [r, g, b] = [srgb[1], srgb[2], srgb[3]].map((v) => Number(v) * 255) as [
      number,
      number,
      number,
    ];
    return { rgb: [r, g, b], alpha: srgb[4] === undefined ? 1 : Number(srgb[4]) };
  }
  const match = css.match(/^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:[,/] ?([\d.]+))?\)$/);
  if (!match) throw new Error(`Not a computed colour: ${css}`);
  return {
    rgb: [Number(match[1]), Number(match[2]), Number(match[3])],
    alpha: match[4] === undefined ? 1 : Number(match[4]),
  };
}

/** Relative luminance (WCAG 2.1) of an opaque colour. */
export function luminance(css: string): number {
  const { rgb } = parseColor(css);
  const [r, g, b] = rgb.map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two opaque colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
