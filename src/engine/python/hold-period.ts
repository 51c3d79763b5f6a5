// The hold period is one of the GIL figures every run gets (gil-figures.ts): verify, calibrate
// and the twin's fit keep importing it from here.
export { medianHoldUs } from '../gil-figures.js';
