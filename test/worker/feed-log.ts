// What feed-server.ts (the worker tests' stand-in for portals' web servers) shares with the tests.

/** One request the fixture server answered, as http://feeds.test/__log lists it. */
export interface FeedRequest {
  path: string;
  ifNoneMatch: string | null;
  ifModifiedSince: string | null;
  status: number;
}

/** The Last-Modified every fixture feed is served with. */
export const LAST_MODIFIED = 'Thu, 19 Apr 2018 08:00:00 GMT';
