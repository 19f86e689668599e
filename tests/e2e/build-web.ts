import { ensureWebBuild } from '../../scripts/lib/web-build.ts';

export default function setup() {
  ensureWebBuild();
}
