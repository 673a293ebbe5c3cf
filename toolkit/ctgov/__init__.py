"""ClinicalTrials.gov records: import (API v2 JSON, legacy XML) and export (API v2 JSON)."""
