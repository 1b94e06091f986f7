#include "app/cli.h"

int main(int argc, char** argv) { return echotune::app::RunCli(argc, argv); }
