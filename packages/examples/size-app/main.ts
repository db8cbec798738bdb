// The smallest app that uses the SDK, built in Vite's library mode by test/size.test.ts to hold the
// bundle-size budget of issue 7.
import { run } from '@flywheel/sdk';

console.log(run);
