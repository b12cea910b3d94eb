/* The floor for stratlint check: libyaml's event loop over the same files, and nothing
 * else (no nodes, no values, no rules), on one core.
 *
 *   cc -O2 -o yaml_floor yaml_floor.c -lyaml && ./yaml_floor FILE...
 *
 * Prints the number of events, so that the loop cannot be optimised away. */
#include <stdio.h>
#include <yaml.h>

int main(int argc, char **argv) {
    unsigned long events = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) { perror(argv[i]); return 2; }
        yaml_parser_t parser;
        yaml_event_t event;
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_file(&parser, f);
        int done = 0;
        while (!done) {
            if (!yaml_parser_parse(&parser, &event)) {
                fprintf(stderr, "%s: %s\n", argv[i], parser.problem ? parser.problem : "parse error");
                break;
            }
            done = event.type == YAML_STREAM_END_EVENT;
            events++;
            yaml_event_delete(&event);
        }
        yaml_parser_delete(&parser);
        fclose(f);
    }
    printf("%lu events\n", events);
    return 0;
}
