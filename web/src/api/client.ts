import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

/** Parley's REST API, typed from openapi.json. Same origin: Quarkus serves both the API and this app. */
export const api = createClient<paths>({ baseUrl: '' });

export type Api = typeof api;
export type RoomJoin = components['schemas']['RoomJoin'];
export type Problem = components['schemas']['Problem'];
export type Role = components['schemas']['Role'];
