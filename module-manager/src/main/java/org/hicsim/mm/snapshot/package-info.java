/**
 * The Module Manager's sharded state snapshots (HIC 3.3 step 3.1) on Core-0's persistent store: 1024 shards by
 * connection hash, each with metadata, CRC32 and an LZ4 block, written and read back shard by shard in virtual
 * time that follows from the cost model, a bad shard named by a typed corruption error.
 */
package org.hicsim.mm.snapshot;
