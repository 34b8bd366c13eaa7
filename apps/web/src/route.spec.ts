/// <reference types="jest" />
import { parseRoute, paths } from './route';

describe('parseRoute', () => {
  it.each([
    ['', { name: 'projects' }],
    ['#/login', { name: 'login' }],
    ['#/projects', { name: 'projects' }],
    ['#/projects/abc', { name: 'project', projectId: 'abc' }],
    ['#/projects/abc/annotate', { name: 'annotate', projectId: 'abc' }],
    ['#/projects/abc/review', { name: 'review', projectId: 'abc' }],
    ['#/projects/abc/reviews', { name: 'projects' }],
    ['#/projects/abc/lfs', { name: 'lfs', projectId: 'abc' }],
    ['#/projects/abc/lfs/x', { name: 'projects' }],
    ['#/nowhere/else', { name: 'projects' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('reads back what paths writes', () => {
    expect(parseRoute(paths.annotate('a/b'))).toEqual({ name: 'annotate', projectId: 'a/b' });
    expect(parseRoute(paths.review('a/b'))).toEqual({ name: 'review', projectId: 'a/b' });
    expect(parseRoute(paths.lfs('a/b'))).toEqual({ name: 'lfs', projectId: 'a/b' });
  });
});
