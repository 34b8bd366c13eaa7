/** A browser tab's title: the screen's most specific part first, the app's name last. */
export function pageTitle(...parts: Array<string | undefined>): string {
  return [...parts.filter((p): p is string => !!p), 'Arbiter'].join(' · ');
}
