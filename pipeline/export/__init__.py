"""EHR delivery: FHIR R4 DocumentReference Bundles and HL7 v2.5.1 MDM, through a durable outbox."""
