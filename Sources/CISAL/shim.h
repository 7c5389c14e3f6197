#ifndef REPLAY_CISAL_SHIM_H
#define REPLAY_CISAL_SHIM_H
#include <isa-l.h>
#include <isa-l/igzip_lib.h>
#endif
