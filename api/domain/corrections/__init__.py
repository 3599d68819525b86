"""Community corrections (社区矫正): enrolment, check-in schedules, check-ins and the caseload."""
