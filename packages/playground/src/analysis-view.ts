// What the analysis panel draws with, loaded when it first draws (a chunk of its own: the page's
// first load does not carry the analysis charts).
export { calibrationBand, calibrationChart, calibrationResiduals, morrisChart, morrisInterval, riskChart, sobolChart, tableNumber } from '@flywheel/sdk/report';
