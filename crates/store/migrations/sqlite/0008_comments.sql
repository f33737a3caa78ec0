-- Reviews ("comments" in the reference): a rating 1–5 with a text, left for a team member
-- (type 1) or for the location itself (type 0, `team_member_id` NULL). The author is a user
-- (NULL once unknown); `username` is the name shown with the review, kept as it was written.
-- `record_id` is the appointment a review-request link was sent for (NULL otherwise). A team
-- member's `rating`, `votes_count` and `comments_count` are recomputed from these rows in the
-- transaction that adds one. postgres/0008_comments.sql is the twin.
CREATE TABLE comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    location_id BIGINT NOT NULL REFERENCES locations (id),
    team_member_id BIGINT REFERENCES team_members (id),
    user_id BIGINT REFERENCES users (id),
    username TEXT NOT NULL,
    text TEXT NOT NULL,
    rating BIGINT NOT NULL,
    record_id BIGINT REFERENCES records (id),
    created_at BIGINT NOT NULL
);
-- The list: a location's reviews, newest first.
CREATE INDEX comments_location_created ON comments (location_id, created_at);
-- The team member's aggregates.
CREATE INDEX comments_team_member ON comments (team_member_id);
