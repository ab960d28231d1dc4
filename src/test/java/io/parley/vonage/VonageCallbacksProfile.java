package io.parley.vonage;

import io.parley.callbacks.CallbackReceiverStub;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** The Vonage platform against {@link VonageStub}, reporting archive changes to {@link CallbackReceiverStub}. */
public class VonageCallbacksProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("parley.platform", "vonage");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(VonageStub.class), new TestResourceEntry(CallbackReceiverStub.class));
    }
}
