/** The mentor's screens, one lazy chunk loaded on the first visit to any of them. */
import "./mentor.css";
export { MentorHome } from "./HomeScreen";
export { MenteeScreen, MenteesScreen } from "./MenteesScreen";
export { MentorMeetingsScreen } from "./MeetingsScreen";
export { MentorPostsScreen } from "./PostsScreen";
export { ProfileScreen } from "./ProfileScreen";
