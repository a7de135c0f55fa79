/**
 * Pages anyone may open without a session: the login and the pages behind links in mails
 * (invitation, password reset, email confirmation). A 401 there is no reason to leave the page.
 */
const PUBLIC_PATHS = [/^\/login$/, /^\/invitation\/[^/]+$/, /^\/password-reset(\/[^/]+)?$/, /^\/confirm-email\/[^/]+$/];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((pattern) => pattern.test(pathname));
}
