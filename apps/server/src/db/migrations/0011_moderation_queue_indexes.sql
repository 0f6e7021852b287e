CREATE INDEX "post_reports_open_idx" ON "post_reports" USING btree ("post_id") WHERE resolved_at is null;--> statement-breakpoint
CREATE INDEX "posts_group_created_idx" ON "posts" USING btree ("group_id","created_at");--> statement-breakpoint
CREATE INDEX "posts_flagged_idx" ON "posts" USING btree ("group_id","created_at") WHERE status = 'published' and flagged;--> statement-breakpoint
CREATE INDEX "posts_violations_idx" ON "posts" USING btree ("group_id","author_user_id") WHERE status in ('rejected', 'hidden') or jsonb_array_length(hits) > 0;--> statement-breakpoint
CREATE INDEX "posts_hits_idx" ON "posts" USING btree ("commune_id","created_at") WHERE jsonb_array_length(hits) > 0;