/** The help lines of the analysis commands (cli.ts prints them in its HELP). */
export const ANALYSIS_HELP = `
Analysis (plus the options of run: --years --steps --runs --seed --set --engine --threads --out):
  --report FILE.html     also write the analysis as one self-contained HTML page (charts, the
                         numbers with their intervals, the settings and seeds; no script, opens offline)
  flywheel sensitivity <model> --param path=lo..hi ... --output NAME [--method sobol|morris]
        [--samples N] [--bootstrap B] [--skip K] [--levels P] [--analysis-seed S] [--format table|json|csv]
                         Sobol S1/ST with bootstrap intervals (N·(d+2) Monte Carlos), or Morris μ*, σ
                         (N·(d+1)); NAME: a summary figure (finalPriceP50, burnMintRatioOverall,
                         burnMintCrossoverYear, minActiveProvidersP50, ...) or metric:stat@when
                         (stat mean|p5|p50|p95; when a step, end, YYYY-MM-DD, min or max);
                         --shard I/N --out DIR: only shard I of N of the sample points, written to
                         DIR/<model>-sensitivity-shard-I-of-N.json; flywheel merge of all N files
                         gives the one-machine result (checked: one job, complete, unaltered)
  flywheel calibrate <model> --param path=lo..hi ... --data file.csv --metric NAME [--stat p50|mean]
        [--aggregate level|sum] [--loss relative|log|absolute] [--backtest F] [--max-evaluations N]
        [--format table|json]
                         fit parameters to an observed series (CSV date,value) by Nelder–Mead over the
                         Monte Carlo median; standard errors from the Gauss–Newton Hessian; --backtest
                         0.7 fits the first 70% of the rows and forecasts the rest
  flywheel risk <model> --event E ... [--confidence C] [--format table|json] [--scale auto|linear|log]
        [--uncertain path=normal:MEAN,SD | path=uniform:LO,HI | path=lognormal:MEDIAN,SIGMA ...
         --samples N --level-samples M --analysis-seed S]
                         probability of events (metric<x@end, metric>=x@any, metric==0@all, @step, @date)
                         over the runs, with Wilson intervals; with --uncertain, the rare-event estimate
                         under parameter uncertainty (cross-entropy importance sampling vs plain Monte Carlo);
                         --scale: the report's probability axis (auto: log when the figures span 100x)
`;
