package org.hicsim.run;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class VerificationWarmUpTest
{
    @TempDir
    Path empty;

    @Test
    void aWarmUpWithNothingToVerifyEndsQuietlyAndIsAwaited()
    {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
        {
            VerificationWarmUp.start(empty.resolve("no-catalogue"));
            VerificationWarmUp.await();
            VerificationWarmUp.await();
        });
    }
}
