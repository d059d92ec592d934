#ifndef C_TREE_SITTER_TYPESCRIPT_H
#define C_TREE_SITTER_TYPESCRIPT_H

// The grammar entry points, typed as opaque pointers so this module does not
// redeclare TSLanguage next to CTreeSitter's definition.
const void *tree_sitter_typescript(void);
const void *tree_sitter_tsx(void);
const void *tree_sitter_javascript(void);

#endif
