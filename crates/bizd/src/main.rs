use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = bizd::cli::Cli::parse();
    match bizd::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bizd: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
