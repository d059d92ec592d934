// The benchmark's parse-only floor: reads every file named on stdin (one path a line), parses
// it with the TypeScript grammar prisma-codemod uses and walks the whole tree once, on N threads
// (argv[1], default 1), each with its own parser. No tool that parses and looks at every node
// can be faster; the benchmark reports each tool's time as a multiple of this one.
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_typescript(void);

static char **paths;
static size_t path_count;
static atomic_size_t next_path;
static atomic_ulong total_nodes;
static atomic_int failures;

static char *read_file(const char *path, size_t *length) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *bytes = malloc(size > 0 ? (size_t)size : 1);
    if (bytes && fread(bytes, 1, (size_t)size, file) != (size_t)size) { free(bytes); bytes = NULL; }
    fclose(file);
    *length = (size_t)size;
    return bytes;
}

static void *worker(void *unused) {
    (void)unused;
    TSParser *parser = ts_parser_new();
    ts_parser_set_language(parser, tree_sitter_typescript());
    unsigned long nodes = 0;
    for (size_t index; (index = atomic_fetch_add(&next_path, 1)) < path_count;) {
        size_t length;
        char *bytes = read_file(paths[index], &length);
        if (!bytes) { fprintf(stderr, "parse-floor: cannot read %s\n", paths[index]); atomic_fetch_add(&failures, 1); continue; }
        TSTree *tree = ts_parser_parse_string(parser, NULL, bytes, (uint32_t)length);
        // Every node once, iteratively, as a matcher would visit them.
        TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
        for (;;) {
            nodes++;
            if (ts_tree_cursor_goto_first_child(&cursor)) continue;
            while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
                if (!ts_tree_cursor_goto_parent(&cursor)) goto done;
            }
        }
    done:
        ts_tree_cursor_delete(&cursor);
        ts_tree_delete(tree);
        free(bytes);
    }
    ts_parser_delete(parser);
    atomic_fetch_add(&total_nodes, nodes);
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 1;
    if (threads < 1) threads = 1;
    size_t capacity = 1024;
    paths = malloc(capacity * sizeof *paths);
    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        if (!*line) continue;
        if (path_count == capacity) paths = realloc(paths, (capacity *= 2) * sizeof *paths);
        paths[path_count++] = strdup(line);
    }
    pthread_t *ids = malloc((size_t)threads * sizeof *ids);
    for (int i = 0; i < threads; i++) pthread_create(&ids[i], NULL, worker, NULL);
    for (int i = 0; i < threads; i++) pthread_join(ids[i], NULL);
    printf("%zu files, %lu nodes\n", path_count, (unsigned long)atomic_load(&total_nodes));
    return atomic_load(&failures) ? 1 : 0;
}
