// The processor's prefetch hint, which Swift does not offer: it starts fetching the cache line
// that holds `address` and goes on without waiting for it (a load would hold the instructions
// after it back until the line came). A hint only: it never faults, whatever the address.
static inline void replay_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}
