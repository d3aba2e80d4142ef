/**
 * The viewport toolbar's presets (Storybook's built-in viewport: `parameters.viewport.options`,
 * `globals.viewport`). The log switches to cards below 45rem (720 px), so the phone and the
 * tablet portrait sit either side of it.
 */
export const VIEWPORTS = {
  phone: { name: 'Phone (390 × 844)', styles: { width: '390px', height: '844px' }, type: 'mobile' },
  narrow: {
    name: 'Narrow phone (320 × 640)',
    styles: { width: '320px', height: '640px' },
    type: 'mobile',
  },
  tablet: {
    name: 'Tablet (768 × 1024)',
    styles: { width: '768px', height: '1024px' },
    type: 'tablet',
  },
  tabletLandscape: {
    name: 'Tablet landscape (1024 × 768)',
    styles: { width: '1024px', height: '768px' },
    type: 'tablet',
  },
  desktop: {
    name: 'Desktop (1280 × 800)',
    styles: { width: '1280px', height: '800px' },
    type: 'desktop',
  },
} as const;
