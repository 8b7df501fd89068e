// attune: score psychological questionnaires. Placeholder entry point (being built).
int main() { return 0; }
