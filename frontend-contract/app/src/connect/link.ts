/** The header's link to the talent's home, named in each language (kept tiny: it is on the first page). */
export const MY_SPACE: Record<"en" | "nl" | "ar", string> = { en: "My space", nl: "Mijn ruimte", ar: "مساحتي" };
