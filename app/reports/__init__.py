"""Reports: build(...) gives plain data; renderers write PDF or xlsx. No Qt."""
