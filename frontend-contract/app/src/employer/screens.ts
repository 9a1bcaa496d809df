/** The employer's screens, one lazy chunk loaded on the first visit to any of them. */
export { CompanyScreen } from "./CompanyScreen";
export { EmployerHome } from "./HomeScreen";
export { PoolScreen, TalentScreen } from "./PoolScreen";
export { VacanciesScreen } from "./VacanciesScreen";
