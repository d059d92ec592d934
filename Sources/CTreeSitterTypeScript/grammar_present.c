// The grammar sources are fetched by scripts/setup.sh into grammar/ (git-ignored).
// Failing here with a readable message beats a linker error about missing symbols.
#if !__has_include("grammar/typescript/src/parser.c") || !__has_include("grammar/tsx/src/parser.c")
#error "TypeScript grammar sources are missing: run scripts/setup.sh"
#endif
#if !__has_include("grammar/javascript/src/parser.c")
#error "JavaScript grammar sources are missing: run scripts/setup.sh"
#endif

#include "CTreeSitterTypeScript.h"

// The versions setup.sh fetched, read from the VERSION files it writes beside the sources,
// so `--version` names the grammars this binary was built with, not the ones pinned now.
static const char typescript_grammar_version[] = {
#embed "grammar/VERSION"
, 0};
static const char javascript_grammar_version[] = {
#embed "grammar/javascript/VERSION"
, 0};

const char *prisma_codemod_typescript_grammar_version(void) { return typescript_grammar_version; }
const char *prisma_codemod_javascript_grammar_version(void) { return javascript_grammar_version; }
