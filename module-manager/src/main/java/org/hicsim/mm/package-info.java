/**
 * The Module Manager: a Privileged-1 service in a sandbox of its own that performs a rolling update exactly as
 * sections 3.1 to 3.4 of the HIC rolling update document lay out, and rolls it back as steps 5.2 to 5.4 of
 * section 4.3 do. It is trusted host code (it uses Bouncy Castle and LZ4, which no bundle may), bound to its
 * sandbox for identity, CPU quota, endpoint and capabilities; it drives services through service-host's
 * {@code ServiceInstance} and the SPI only.
 */
package org.hicsim.mm;
