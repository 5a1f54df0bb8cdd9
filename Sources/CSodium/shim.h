#ifndef COMMSMAP_CSODIUM_SHIM_H
#define COMMSMAP_CSODIUM_SHIM_H
#include <sodium.h>
#endif
