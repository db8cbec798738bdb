// W1 as a tight native C loop: the same algorithm as bench/baseline-w1.mjs (the typed-array
// JavaScript comparator), line for line, plus the same statistics (mean, p5, p50, p95 of every
// cell over the runs, by sorting). Not Flywheel code: `npm run bench` builds it with the system's
// C compiler (cc -O3 -march=native) and reports Flywheel's speed against it in the same run.
// Usage: baseline-w1 RUNS THREADS [STEPS AGENTS]; prints one JSON line (wall seconds inside the
// program, peak RSS, and a checksum so the work cannot be optimised away).
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define W 30
#define NM 6

static int STEPS = 3650, N = 1000, RUNS = 100;
static double *all; // [cell][run], cells = NM × (STEPS + 1)

typedef struct { uint32_t s; } rng_t;
static inline double uni(rng_t *r) {
  uint32_t s = r->s;
  s ^= s << 13; s ^= s >> 17; s ^= s << 5;
  r->s = s;
  return (s + 0.5) / 4294967296.0;
}
static inline double normal(rng_t *r) {
  double a = uni(r), b = uni(r);
  return sqrt(-2 * log(a)) * cos(2 * M_PI * b);
}

/** Runs [a, b) of W1 into `all`. */
static void block(int a, int b) {
  const int S1 = STEPS + 1;
  double *cost = malloc(sizeof(double) * N), *sum = malloc(sizeof(double) * N);
  int *cnt = malloc(sizeof(int) * N);
  uint8_t *active = malloc(N), *hist = malloc((size_t)N * W);
  double rev[W];
  for (int run = a; run < b; run++) {
    rng_t u = { (uint32_t)((uint32_t)run * 2654435761u + 1u) };
    if (u.s == 0) u.s = 1;
    for (int i = 0; i < N; i++) { cost[i] = 0.5 + uni(&u); sum[i] = 0; cnt[i] = 0; active[i] = 1; }
    memset(hist, 0, (size_t)N * W);
    memset(rev, 0, sizeof rev);
    double total = 5e7, circ = 5e7, burnedCum = 0, price = 0.03;
    int nAct = N;
#define PUT(m, t, v) all[((size_t)(m) * S1 + (t)) * RUNS + run] = (v)
    PUT(0, 0, total); PUT(1, 0, circ); PUT(2, 0, 0); PUT(3, 0, price); PUT(4, 0, 1000); PUT(5, 0, N);
    for (int t = 1; t <= STEPS; t++) {
      double minted = (15e6 / 365) * pow(0.5, (double)((t - 1) / 730));
      if (total + minted > 223e6) minted = fmax(0, 223e6 - total);
      const double demand = 1000 * pow(1.0002, t) * exp(0.1 * normal(&u));
      const double burned = fmin(demand / price, circ + minted);
      const double r = nAct > 0 ? (minted * price) / nAct : 0;
      const int slot = t % W;
      const double old = rev[slot];
      rev[slot] = r;
      int next = 0;
      for (int i = 0; i < N; i++) {
        const int h = i * W + slot;
        if (hist[h]) { sum[i] -= old; cnt[i]--; }
        hist[h] = active[i];
        if (active[i]) {
          sum[i] += r; cnt[i]++;
          if (sum[i] / cnt[i] < cost[i]) active[i] = 0;
        } else if (r > 1.2 * cost[i] && uni(&u) < 0.01) active[i] = 1;
        next += active[i];
      }
      nAct = next;
      const double circBefore = circ;
      total += minted - burned; circ += minted - burned; burnedCum += burned;
      price *= exp((5 * (burned - minted)) / circBefore + 0.03 * normal(&u));
      PUT(0, t, total); PUT(1, t, circ); PUT(2, t, burnedCum); PUT(3, t, price); PUT(4, t, demand); PUT(5, t, nAct);
    }
  }
  free(cost); free(sum); free(cnt); free(active); free(hist);
}

static int cmp(const void *x, const void *y) {
  const double a = *(const double *)x, b = *(const double *)y;
  return a < b ? -1 : a > b;
}

static double *stats; // [4][cells]
/** Statistics of cells [c0, c1). */
static void aggregate(size_t c0, size_t c1, size_t cells) {
  double *row = malloc(sizeof(double) * RUNS);
  for (size_t c = c0; c < c1; c++) {
    double s = 0;
    for (int i = 0; i < RUNS; i++) { row[i] = all[c * RUNS + i]; s += row[i]; }
    qsort(row, RUNS, sizeof(double), cmp);
    double q[3];
    const double ps[3] = { 0.05, 0.5, 0.95 };
    for (int k = 0; k < 3; k++) {
      const double h = (RUNS - 1) * ps[k];
      const int lo = (int)floor(h), hi = lo + 1 < RUNS ? lo + 1 : RUNS - 1;
      q[k] = row[lo] + (h - lo) * (row[hi] - row[lo]);
    }
    stats[c] = s / RUNS; stats[cells + c] = q[0]; stats[2 * cells + c] = q[1]; stats[3 * cells + c] = q[2];
  }
  free(row);
}

typedef struct { int k, threads; } job_t;
static void *worker(void *arg) {
  const job_t *j = arg;
  block((int)((long)RUNS * j->k / j->threads), (int)((long)RUNS * (j->k + 1) / j->threads));
  return NULL;
}
static void *statsWorker(void *arg) {
  const job_t *j = arg;
  const size_t cells = (size_t)NM * (STEPS + 1);
  aggregate(cells * j->k / j->threads, cells * (j->k + 1) / j->threads, cells);
  return NULL;
}

int main(int argc, char **argv) {
  RUNS = argc > 1 ? atoi(argv[1]) : 100;
  const int threads = argc > 2 ? atoi(argv[2]) : 1;
  if (argc > 3) STEPS = atoi(argv[3]);
  if (argc > 4) N = atoi(argv[4]);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  const size_t cells = (size_t)NM * (STEPS + 1);
  all = malloc(sizeof(double) * cells * RUNS);
  stats = malloc(sizeof(double) * 4 * cells);
  pthread_t th[64];
  job_t jobs[64];
  for (int pass = 0; pass < 2; pass++) {
    for (int k = 0; k < threads; k++) {
      jobs[k] = (job_t){ k, threads };
      pthread_create(&th[k], NULL, pass == 0 ? worker : statsWorker, &jobs[k]);
    }
    for (int k = 0; k < threads; k++) pthread_join(th[k], NULL);
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double check = 0;
  for (size_t c = 0; c < 4 * cells; c++) check += stats[c];
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("{\"wallSeconds\":%.6f,\"peakRssMB\":%.1f,\"checksum\":%.6e}\n",
    (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9, ru.ru_maxrss / 1024.0, check);
  return 0;
}
