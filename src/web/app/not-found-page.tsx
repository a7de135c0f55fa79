import { NotFound } from '../components/not-found';

/** Any address no route claims, shown inside the signed-in shell. */
export function NotFoundPage() {
  return <NotFound />;
}
