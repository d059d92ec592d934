#ifndef C_TREE_SITTER_TYPESCRIPT_H
#define C_TREE_SITTER_TYPESCRIPT_H

// The grammar entry points, typed as opaque pointers so this module does not
// redeclare TSLanguage next to CTreeSitter's definition.
const void *tree_sitter_typescript(void);
const void *tree_sitter_tsx(void);
const void *tree_sitter_javascript(void);

// The package versions of the grammars above, as scripts/setup.sh recorded them (may end in a newline).
const char *prisma_codemod_typescript_grammar_version(void);
const char *prisma_codemod_javascript_grammar_version(void);

#endif
