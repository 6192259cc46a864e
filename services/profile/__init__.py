"""Profile service: owns people, their skills, goals, languages, time zone and capacity."""
