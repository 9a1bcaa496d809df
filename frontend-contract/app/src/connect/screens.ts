/** The talent's screens, one lazy chunk loaded on the first visit to any of them. */
export { HomeScreen } from "./HomeScreen";
export { MeetingsScreen } from "./MeetingsScreen";
export { MentorScreen } from "./MentorScreen";
export { MessagesScreen, ThreadScreen } from "./MessagesScreen";
export { PostsScreen, SavedScreen } from "./PostsScreen";
export { ConnectionsScreen } from "./ConnectionsScreen";
export { NetworkingScreen } from "./NetworkingScreen";
export { RoadmapScreen } from "./RoadmapScreen";
export { SettingsScreen } from "./SettingsScreen";
