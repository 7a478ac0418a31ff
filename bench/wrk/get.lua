-- GET of the URL given to wrk (cheapest endpoint, /health, /api/concerts, seats): only the shared report.
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
