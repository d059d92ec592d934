// The grammar sources are fetched by scripts/setup.sh into grammar/ (git-ignored).
// Failing here with a readable message beats a linker error about missing symbols.
#if !__has_include("grammar/typescript/src/parser.c") || !__has_include("grammar/tsx/src/parser.c")
#error "TypeScript grammar sources are missing: run scripts/setup.sh"
#endif
#if !__has_include("grammar/javascript/src/parser.c")
#error "JavaScript grammar sources are missing: run scripts/setup.sh"
#endif
