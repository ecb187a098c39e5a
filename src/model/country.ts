/**
 * Countries are ISO 3166-1 alpha-2 codes. `NA` is Namibia, never a missing value.
 * Names cover the countries the reference data and generated benchmarks use.
 */
import { z } from "zod";

export type CountryCode = string & { readonly __country: true };

export const countryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, "Expected an ISO 3166-1 alpha-2 country code such as CD, CN or US")
  .transform((s) => s as CountryCode);

const NAMES: Record<string, string> = {
  AE: "United Arab Emirates",
  AO: "Angola",
  AR: "Argentina",
  AU: "Australia",
  BE: "Belgium",
  BI: "Burundi",
  BR: "Brazil",
  BW: "Botswana",
  CA: "Canada",
  CD: "DR Congo",
  CH: "Switzerland",
  CL: "Chile",
  CN: "China",
  CU: "Cuba",
  DE: "Germany",
  FI: "Finland",
  FR: "France",
  GB: "United Kingdom",
  HK: "Hong Kong",
  ID: "Indonesia",
  IN: "India",
  JE: "Jersey",
  JP: "Japan",
  KE: "Kenya",
  KR: "South Korea",
  KZ: "Kazakhstan",
  LU: "Luxembourg",
  MG: "Madagascar",
  MX: "Mexico",
  MZ: "Mozambique",
  NA: "Namibia",
  NG: "Nigeria",
  NL: "Netherlands",
  NO: "Norway",
  PE: "Peru",
  PG: "Papua New Guinea",
  PH: "Philippines",
  QA: "Qatar",
  RU: "Russia",
  RW: "Rwanda",
  SG: "Singapore",
  TR: "Türkiye",
  TZ: "Tanzania",
  UG: "Uganda",
  US: "United States",
  VG: "British Virgin Islands",
  ZA: "South Africa",
  ZM: "Zambia",
  ZW: "Zimbabwe",
};

/** The English short name of a country code, or the code itself when not listed. */
export function countryNameFor(code: string): string {
  return NAMES[code] ?? code;
}
