/** The coastline data generated at build time by client/scripts/clip-theater.ts (see vite.config.ts). */
declare module 'virtual:theater' {
  import type { FeatureCollection, MultiPolygon } from 'geojson';

  const theater: FeatureCollection<MultiPolygon>;
  export default theater;
}
