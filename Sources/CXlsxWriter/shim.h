#ifndef REPLAY_CXLSXWRITER_SHIM_H
#define REPLAY_CXLSXWRITER_SHIM_H
/* Debian's libxlsxwriter-dev (1.1.x): affected.xlsx. */
#include <xlsxwriter.h>
#endif
