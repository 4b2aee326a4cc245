// electron-builder's afterPack hook (package.json, build.afterPack): flips Electron's fuses in the
// packaged binary. The logic and the fuse list live in electron/main/packaging/fuses.ts (run by
// Node 24 with type stripping, as `npm run dist` does) so tests check the same object.
import { createAfterPack } from '../electron/main/packaging/fuses.ts';

export default createAfterPack();
