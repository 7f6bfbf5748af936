-- Device activity is counted by the upload-service now, per province (its V9); the national counts
-- kept here are not carried over.
DROP TABLE device_activity;
DROP TABLE activity_count;
