import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { ACCESS_EXTENSION, type RouteAccess } from '@arbiter/contracts';

export const IS_PUBLIC = 'arbiter:public';

/** Publishes a route's access rule in the OpenAPI document (see routeAccessSchema). */
export const DeclareAccess = (access: RouteAccess) => ApiExtension(ACCESS_EXTENSION, access);

/** Marks a route that needs no session or API key. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), DeclareAccess({ kind: 'public' }));
