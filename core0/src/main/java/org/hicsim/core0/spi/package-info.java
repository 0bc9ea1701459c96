/**
 * The service SPI: everything a service module's code may name besides plain JDK types.
 * <p>
 * A module's classes are loaded by an isolated class loader whose only parent exposes this package, so this
 * package must never hand out a kernel object: {@link org.hicsim.core0.spi.ServiceContext} is the service's
 * sandbox seen through its system calls, and every other type here is a value or a flyweight owned by the
 * caller. Nothing in this package depends on another Core-0 package.
 * <p>
 * The migration half is the state migration protocol of the HIC rolling update document (section 2.2):
 * {@code export_state}, {@code import_state}, {@code migrate_connection}, {@code prepare_migration},
 * {@code complete_migration}, {@code abort_migration}, with a consistency point at the export after which the
 * service serves again and each connection is frozen only while it moves (see
 * {@link org.hicsim.core0.spi.Service}). {@link org.hicsim.core0.spi.Configuration} is what a service is
 * configured with, at start and at run time.
 */
package org.hicsim.core0.spi;
