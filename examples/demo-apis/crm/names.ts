/** Word lists the generator draws from; fixed so the data set never changes between versions by accident. */
export const FIRST_NAMES = [
  "Ada",
  "Alan",
  "Grace",
  "Linus",
  "Margaret",
  "Edsger",
  "Barbara",
  "Donald",
  "Frances",
  "Ken",
  "Radia",
  "Dennis",
  "Hedy",
  "Tim",
  "Katherine",
  "John",
  "Sophie",
  "Niklaus",
  "Karen",
  "Guido",
] as const;

export const LAST_NAMES = [
  "Lovelace",
  "Turing",
  "Hopper",
  "Torvalds",
  "Hamilton",
  "Dijkstra",
  "Liskov",
  "Knuth",
  "Allen",
  "Thompson",
  "Perlman",
  "Ritchie",
  "Lamarr",
  "Berners-Lee",
  "Johnson",
  "McCarthy",
  "Wilson",
  "Wirth",
  "Spärck Jones",
  "van Rossum",
] as const;

export const STREETS = [
  "Rue de Rivoli",
  "Kurfürstendamm",
  "Gran Via",
  "Via del Corso",
  "Damrak",
  "Rue Neuve",
  "Ringstraße",
  "Avenida da Liberdade",
] as const;

export interface Place {
  city: string;
  country: string;
  /** Postal code shape: `#` is a digit. */
  zip: string;
  dialCode: string;
}

export const PLACES: readonly Place[] = [
  { city: "Paris", country: "FR", zip: "750##", dialCode: "+33" },
  { city: "Lyon", country: "FR", zip: "690##", dialCode: "+33" },
  { city: "Berlin", country: "DE", zip: "10###", dialCode: "+49" },
  { city: "Munich", country: "DE", zip: "80###", dialCode: "+49" },
  { city: "Madrid", country: "ES", zip: "280##", dialCode: "+34" },
  { city: "Rome", country: "IT", zip: "001##", dialCode: "+39" },
  { city: "Amsterdam", country: "NL", zip: "10## AB", dialCode: "+31" },
  { city: "Brussels", country: "BE", zip: "10##", dialCode: "+32" },
  { city: "Vienna", country: "AT", zip: "1###", dialCode: "+43" },
  { city: "Lisbon", country: "PT", zip: "1###-###", dialCode: "+351" },
];

export const TAGS = ["vip", "newsletter", "b2b", "b2c", "partner", "churn-risk", "trial"] as const;
