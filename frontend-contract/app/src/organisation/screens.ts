/** The organisation staff's screens, one lazy chunk loaded on the first visit to any of them. */
export { OrganisationHome } from "./HomeScreen";
export { OrganisationPostsScreen } from "./PostsScreen";
export { OrganisationProjectsScreen } from "./ProjectsScreen";
