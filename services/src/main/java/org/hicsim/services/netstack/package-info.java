/**
 * netstack, the TCP/UDP stack of the catalogue: the code its versions share. Every structure lives in the
 * sandbox's memory ({@link org.hicsim.services.netstack.MemoryMapDescriptor}); a version
 * ({@code v1_2_0}, {@code v1_3_0}) adds only its {@link org.hicsim.services.netstack.StateFormat}: the layout of
 * its connection records and the conversions between state versions. How many connections an instance holds and
 * how large their buffers are is configuration read at start ({@link org.hicsim.services.netstack.MemoryMap}).
 */
package org.hicsim.services.netstack;
