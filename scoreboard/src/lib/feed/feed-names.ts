// The feed's namespace and event names, from the one definition the server uses.
export { FEED, LIVE_NAMESPACE } from '@skillscore/server/contracts';
